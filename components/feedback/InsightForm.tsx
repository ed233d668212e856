import { useId, useState } from 'react';
import type { FeedbackTarget } from '../../lib/feedback';
import { t, type MessageKey } from '../../lib/i18n';
import { INSIGHT_MAX, InsightCategory } from '../../lib/model';
import type { FeedbackActions } from './actions';
import { ActionStatus } from './ActionStatus';
import { CharCount } from './CharCount';
import { useEventAction } from './useEventAction';

/** "1, two ,, three" -> ["1", "two", "three"], each once. */
export function parseTags(text: string): string[] {
  const tags = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return [...new Set(tags)];
}

/** An objection, competitor, product gap or trend heard in the field, with optional tags. */
export function InsightForm({
  target,
  actions,
}: {
  target: FeedbackTarget;
  actions: FeedbackActions;
}) {
  const id = useId();
  const action = useEventAction(actions);
  const [category, setCategory] = useState<InsightCategory>('objection');
  const [text, setText] = useState('');
  const [tags, setTags] = useState('');
  const send = async () => {
    const event = await action.submit({
      kind: 'field_insight',
      category,
      text,
      tags: parseTags(tags),
      ...target,
    });
    if (event) {
      setText('');
      setTags('');
    }
  };
  return (
    <form
      className="insight"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        void send();
      }}
    >
      <h2 id={`${id}-h`} className="subheading">
        {t('insightHeading')}
      </h2>
      <fieldset className="chips">
        <legend>{t('insightCategory')}</legend>
        {InsightCategory.options.map((c) => (
          <label key={c} className="chip">
            <input
              type="radio"
              name={`${id}-category`}
              value={c}
              data-testid={`insight-${c}`}
              checked={category === c}
              onChange={() => setCategory(c)}
            />
            {t(`insight_${c}` as MessageKey)}
          </label>
        ))}
      </fieldset>
      <label htmlFor={`${id}-text`}>{t('insightText')}</label>
      <textarea
        id={`${id}-text`}
        data-testid="insight-text"
        rows={3}
        value={text}
        aria-describedby={`${id}-count`}
        onChange={(e) => setText(e.target.value)}
      />
      <CharCount id={`${id}-count`} value={text} max={INSIGHT_MAX} />
      <label htmlFor={`${id}-tags`}>{t('insightTags')}</label>
      <input
        id={`${id}-tags`}
        data-testid="insight-tags"
        value={tags}
        onChange={(e) => setTags(e.target.value)}
      />
      <div className="actions">
        <button type="submit" data-testid="insight-submit" disabled={action.busy}>
          {t('insightSubmit')}
        </button>
      </div>
      <ActionStatus
        state={action.state}
        saved={t('insightSent')}
        onUndo={action.undo}
        clock={actions.clock}
      />
    </form>
  );
}
