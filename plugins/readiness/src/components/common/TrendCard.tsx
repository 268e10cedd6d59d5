import { InfoCard, Progress } from '@backstage/core-components';
import { ToggleButton, ToggleButtonGroup } from '@material-ui/lab';
import type { TrendWindow } from '../../api/types';
import { TrendChart, TrendChartPoint } from './TrendChart';

/** The score trend with a 30 / 90 day switch. */
export const TrendCard = (props: {
  points: TrendChartPoint[] | undefined;
  days: TrendWindow;
  onDaysChange: (days: TrendWindow) => void;
  loading?: boolean;
}) => (
  <InfoCard
    title="Trend"
    action={
      <ToggleButtonGroup
        size="small"
        exclusive
        value={props.days}
        aria-label="Trend window"
        onChange={(_, value: TrendWindow | null) => {
          if (value) props.onDaysChange(value);
        }}
      >
        <ToggleButton value={30} aria-label="30 days">
          30 days
        </ToggleButton>
        <ToggleButton value={90} aria-label="90 days">
          90 days
        </ToggleButton>
      </ToggleButtonGroup>
    }
  >
    {props.loading ? <Progress /> : <TrendChart points={props.points ?? []} />}
  </InfoCard>
);
