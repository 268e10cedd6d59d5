import type { TerminalProfile } from '@hatchway/plugin-terminal-common';
import {
  FormControlLabel,
  Radio,
  RadioGroup,
  Typography,
} from '@material-ui/core';
import { formatDuration } from '../common/format';

/** Props of {@link ProfilePicker}. */
export interface ProfilePickerProps {
  profiles: TerminalProfile[];
  value?: string;
  onChange(name: string): void;
}

/**
 * One radio per profile with what a user needs to choose: what it is, and how long a session
 * of it may idle and live.
 */
export const ProfilePicker = ({
  profiles,
  value,
  onChange,
}: ProfilePickerProps) => (
  <RadioGroup
    aria-label="Profile"
    name="profile"
    value={value ?? ''}
    onChange={(_, name) => onChange(name)}
  >
    {profiles.map(profile => (
      <FormControlLabel
        key={profile.name}
        value={profile.name}
        control={<Radio color="primary" />}
        label={
          <div>
            <Typography variant="subtitle1">{profile.title}</Typography>
            {profile.description && (
              <Typography variant="body2" color="textSecondary">
                {profile.description}
              </Typography>
            )}
            <Typography variant="caption" color="textSecondary">
              Ends after {formatDuration(profile.idleTimeoutSeconds)} idle · at
              most {formatDuration(profile.maxLifetimeSeconds)}
              {profile.recording ? ' · recorded' : ''}
            </Typography>
          </div>
        }
      />
    ))}
  </RadioGroup>
);
