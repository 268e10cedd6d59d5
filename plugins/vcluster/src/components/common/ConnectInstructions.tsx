import { CodeSnippet } from '@backstage/core-components';
import { Typography } from '@material-ui/core';

/** How to use a downloaded kubeconfig, with the file name the download saves. */
export const ConnectInstructions = ({ name }: { name: string }) => (
  <>
    <Typography variant="body2" paragraph>
      Download the kubeconfig, then point kubectl at it:
    </Typography>
    <CodeSnippet
      language="shell"
      text={`KUBECONFIG=${kubeconfigFileName(name)} kubectl get ns`}
      showCopyCodeButton
    />
  </>
);

/** The name the kubeconfig download is saved under. */
export function kubeconfigFileName(name: string): string {
  return `${name}.kubeconfig.yaml`;
}
