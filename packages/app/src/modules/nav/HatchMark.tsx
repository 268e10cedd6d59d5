/**
 * Hatchway's mark: a hatch (a rounded square) with a ladder rising through it, in the
 * portal's accent colour.
 */
export const HatchMark = ({ size }: { size: number }) => (
  <svg
    width={size}
    height={size}
    viewBox="0 0 32 32"
    role="img"
    aria-label="Hatchway"
    // The sidebar link is narrower than the full logo; never let flexbox squeeze the mark away.
    style={{ flexShrink: 0 }}
    xmlns="http://www.w3.org/2000/svg"
  >
    <rect x="2" y="2" width="28" height="28" rx="7" fill="#2bb3a3" />
    <rect x="7" y="7" width="18" height="18" rx="3" fill="#0d3b3a" />
    <path
      d="M12 26V9M20 26V9M12 13h8M12 18h8M12 23h8"
      stroke="#ffffff"
      strokeWidth="2.2"
      strokeLinecap="round"
    />
  </svg>
);
