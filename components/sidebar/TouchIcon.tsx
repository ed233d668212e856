import type { Channel } from '../../lib/model';

// One small outline glyph per channel; decorative (the label next to it carries the meaning).
const PATHS: Record<Channel, string> = {
  email: 'M2 4h12v8H2z M2 4l6 5 6-5',
  web: 'M8 2a6 6 0 1 0 0 12A6 6 0 0 0 8 2z M2 8h12 M8 2c2 2 2 10 0 12 M8 2c-2 2-2 10 0 12',
  paid: 'M3 3h10v10H3z M6 6h4v4H6z',
  social: 'M4 8a2 2 0 1 0 0.1 0z M12 4a2 2 0 1 0 0.1 0z M12 12a2 2 0 1 0 0.1 0z M6 7l4-2 M6 9l4 2',
  event: 'M3 4h10v9H3z M3 7h10 M6 2v3 M10 2v3',
  webinar: 'M2 3h12v8H2z M6 14h4 M8 11v3',
  chat: 'M2 3h12v7H7l-3 3v-3H2z',
  sales: 'M3 13V7 M8 13V3 M13 13V9',
  product: 'M8 2l6 3v6l-6 3-6-3V5z M2 5l6 3 6-3 M8 8v6',
  system: 'M8 5a3 3 0 1 0 0.1 0z M8 1v2 M8 13v2 M1 8h2 M13 8h2',
  other: 'M8 3a5 5 0 1 0 0.1 0z',
};

export function TouchIcon({ channel }: { channel: Channel }) {
  return (
    <svg className="touch-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d={PATHS[channel]} fill="none" stroke="currentColor" strokeWidth="1.3" />
    </svg>
  );
}
