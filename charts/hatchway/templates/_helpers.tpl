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
