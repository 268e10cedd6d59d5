import { Typography, useTheme } from '@material-ui/core';

/** A day's score; the backend's trend points carry more, the chart needs no more. */
export type TrendChartPoint = { day: string; score: number };

const WIDTH = 640;
const HEIGHT = 200;
const PAD = { left: 40, right: 16, top: 12, bottom: 32 };
const Y_TICKS = [0, 25, 50, 75, 100];

function shortDate(date: string): string {
  return date.length >= 10 ? date.slice(0, 10) : date;
}

/**
 * Daily scores as a line over a 0–100 axis, drawn as inline SVG (no chart library): the first,
 * middle and last dates label the x axis, every point carries a tooltip.
 */
export const TrendChart = (props: { points: TrendChartPoint[] }) => {
  const theme = useTheme();
  const points = props.points;
  if (points.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No trend yet: a point is recorded after each day's scan.
      </Typography>
    );
  }
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (i: number) =>
    PAD.left +
    (points.length === 1
      ? plotWidth / 2
      : (i * plotWidth) / (points.length - 1));
  const y = (score: number) =>
    PAD.top + ((100 - Math.min(100, Math.max(0, score))) / 100) * plotHeight;
  const first = points[0];
  const last = points[points.length - 1];
  const labelled = Array.from(
    new Set([0, Math.floor((points.length - 1) / 2), points.length - 1]),
  );
  const axis = theme.palette.text.secondary;
  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-label={`Score trend from ${first.score} on ${shortDate(
        first.day,
      )} to ${last.score} on ${shortDate(last.day)}`}
    >
      {Y_TICKS.map(tick => (
        <g key={tick}>
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(tick)}
            y2={y(tick)}
            stroke={theme.palette.divider}
            strokeDasharray={tick === 0 ? undefined : '3 3'}
          />
          <text
            x={PAD.left - 8}
            y={y(tick) + 4}
            fontSize={11}
            fill={axis}
            textAnchor="end"
          >
            {tick}
          </text>
        </g>
      ))}
      <line x1={PAD.left} x2={PAD.left} y1={PAD.top} y2={y(0)} stroke={axis} />
      {labelled.map(i => (
        <text
          key={i}
          x={x(i)}
          y={HEIGHT - 10}
          fontSize={11}
          fill={axis}
          textAnchor="middle"
        >
          {shortDate(points[i].day)}
        </text>
      ))}
      <polyline
        fill="none"
        stroke={theme.palette.primary.main}
        strokeWidth={2}
        points={points.map((p, i) => `${x(i)},${y(p.score)}`).join(' ')}
      />
      {points.map((p, i) => (
        <circle
          key={`${p.day}-${i}`}
          cx={x(i)}
          cy={y(p.score)}
          r={3}
          fill={theme.palette.primary.main}
        >
          <title>{`${shortDate(p.day)}: ${p.score}`}</title>
        </circle>
      ))}
    </svg>
  );
};
