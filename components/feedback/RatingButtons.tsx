import { ContentRating } from '../../lib/model';
import { t, type MessageKey } from '../../lib/i18n';

/** The four one-click ratings of an asset. */
export function RatingButtons({
  label,
  disabled,
  chosen,
  onRate,
}: {
  label: string;
  disabled?: boolean;
  /** The rating just given (shown pressed). */
  chosen?: ContentRating;
  onRate: (rating: ContentRating) => void;
}) {
  return (
    <div className="ratings" role="group" aria-label={label}>
      {ContentRating.options.map((rating) => (
        <button
          key={rating}
          type="button"
          className={`rating rating-${rating}`}
          data-testid={`feedback-${rating}`}
          aria-pressed={chosen === rating}
          disabled={disabled}
          onClick={() => onRate(rating)}
        >
          {t(`rating_${rating}` as MessageKey)}
        </button>
      ))}
    </div>
  );
}
