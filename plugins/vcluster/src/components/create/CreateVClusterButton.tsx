import type { VCluster } from '@hatchway/plugin-vcluster-common';
import { Button } from '@material-ui/core';
import AddIcon from '@material-ui/icons/Add';
import { useState } from 'react';
import { useCanCreateVCluster } from '../../hooks/useVClusterPermissions';
import { CreateVClusterDialog } from './CreateVClusterDialog';

/** "Create vCluster" and its dialog; absent for users who may not create vClusters. */
export const CreateVClusterButton = (props: {
  onCreated: (vcluster: VCluster) => void;
}) => {
  const canCreate = useCanCreateVCluster();
  const [open, setOpen] = useState(false);
  if (!canCreate) return null;
  return (
    <>
      <Button
        variant="contained"
        color="primary"
        startIcon={<AddIcon />}
        onClick={() => setOpen(true)}
      >
        Create vCluster
      </Button>
      {open && (
        <CreateVClusterDialog
          onClose={() => setOpen(false)}
          onCreated={props.onCreated}
        />
      )}
    </>
  );
};
