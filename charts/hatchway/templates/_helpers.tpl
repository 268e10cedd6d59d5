{{- define "hatchway.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "hatchway.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "hatchway.labels" -}}
{{ include "hatchway.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: hatchway
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
backstage.io/kubernetes-id: hatchway-backend
{{- end -}}

{{- define "hatchway.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "hatchway.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "hatchway.image" -}}
{{- include "hatchway.imageRef" (list . .Values.image "image") -}}
{{- end -}}

{{/* The gateway: its own name, selector and ServiceAccount (bound to no Role). */}}
{{- define "hatchway.gatewayFullname" -}}
{{- printf "%s-gateway" (include "hatchway.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "hatchway.gatewaySelectorLabels" -}}
app.kubernetes.io/name: hatchway-gateway
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "hatchway.gatewayLabels" -}}
{{ include "hatchway.gatewaySelectorLabels" . }}
app.kubernetes.io/component: gateway
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: hatchway
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version }}
backstage.io/kubernetes-id: hatchway-gateway
{{- end -}}

{{- define "hatchway.gatewayServiceAccountName" -}}
{{- default (include "hatchway.gatewayFullname" .) .Values.gateway.serviceAccount.name -}}
{{- end -}}

{{/* An image reference: repository:tag, or repository:tag@digest when pinned. Fails when
global.requireDigests is set and the image has no digest. Call with (list $ .Values.x.image "name"). */}}
{{- define "hatchway.imageRef" -}}
{{- $root := index . 0 -}}
{{- $image := index . 1 -}}
{{- $what := index . 2 -}}
{{- $tag := default $root.Chart.AppVersion $image.tag -}}
{{- if $image.digest -}}
{{- printf "%s:%s@%s" $image.repository $tag $image.digest -}}
{{- else if $root.Values.global.requireDigests -}}
{{- fail (printf "global.requireDigests is set but %s has no digest: set %s.digest to the image's sha256:... digest" $what $what) -}}
{{- else -}}
{{- printf "%s:%s" $image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* except: [169.254.169.254/32] for an IPv4 ipBlock whose CIDR contains the cloud metadata
address (Kubernetes refuses an except outside the CIDR). Call with the CIDR string. */}}
{{- define "hatchway.metadataExcept" -}}
{{- $parts := split "/" . -}}
{{- if not (contains ":" .) -}}
{{- $octets := split "." $parts._0 -}}
{{- $address := add (mul (int $octets._0) 16777216) (mul (int $octets._1) 65536) (mul (int $octets._2) 256) (int $octets._3) -}}
{{- $metadata := 2852039166 -}}
{{- $block := 1 -}}
{{- range until (int (sub 32 (int $parts._1))) -}}{{- $block = mul $block 2 -}}{{- end -}}
{{- if eq (div $address $block) (div $metadata $block) -}}
{{- if eq (int $parts._1) 32 -}}
{{- fail (printf "egress to %s would reach the cloud metadata endpoint; the chart never allows it" .) -}}
{{- end -}}
except: [169.254.169.254/32]
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The portal's public host: ingress.host, else the host of baseUrl. */}}
{{- define "hatchway.portalHost" -}}
{{- default (urlParse .Values.baseUrl).host .Values.ingress.host -}}
{{- end -}}

{{/* The gateway's public WebSocket URL the portal hands to browsers (TERMINAL_GATEWAY_URL):
wss://<gateway host>, or wss://<portal host><path>; ws:// when baseUrl is plain http. */}}
{{- define "hatchway.gatewayUrl" -}}
{{- $scheme := ternary "wss" "ws" (eq (urlParse .Values.baseUrl).scheme "https") -}}
{{- if .Values.ingress.gateway.host -}}
{{- printf "%s://%s" $scheme .Values.ingress.gateway.host -}}
{{- else -}}
{{- printf "%s://%s%s" $scheme (include "hatchway.portalHost" .) .Values.ingress.gateway.path -}}
{{- end -}}
{{- end -}}

{{/* The runner image of the shell profile, pinned like the others. */}}
{{- define "hatchway.runnerImage" -}}
{{- include "hatchway.imageRef" (list . .Values.terminal.runnerImage "terminal.runnerImage") -}}
{{- end -}}

{{/* The PriorityClass of the portal and gateway pods; empty when none. */}}
{{- define "hatchway.priorityClassName" -}}
{{- if .Values.priorityClass.create -}}
{{- default (include "hatchway.fullname" .) .Values.priorityClass.name -}}
{{- else -}}
{{- .Values.priorityClass.name -}}
{{- end -}}
{{- end -}}

{{/* imagePullPolicy: as set, else IfNotPresent when pinned by digest and Always for a tag. */}}
{{- define "hatchway.pullPolicy" -}}
{{- default (ternary "IfNotPresent" "Always" (not (empty .digest))) .pullPolicy -}}
{{- end -}}

{{/* The control plane pods of every Hatchway vCluster: in namespaces the vCluster plugin labels as
Hatchway's, with the vcluster chart's pod labels. */}}
{{- define "hatchway.vclusterControlPlanePeer" -}}
- namespaceSelector:
    matchLabels:
      app.kubernetes.io/managed-by: hatchway
  podSelector:
    matchLabels:
      app: vcluster
{{- end -}}
