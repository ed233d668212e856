import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { t } from '../../lib/i18n';
import type { Asset } from '../../lib/model';

interface Group {
  label: string;
  assets: Asset[];
}

/** Lower-case, accent-free text for matching ("Café" matches "cafe"). */
const fold = (s: string) =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase();

/**
 * The assets offered for a query: with no query, those used with this lead, then the
 * recommendations, then the rest of the library; with one, every asset whose title, type or
 * campaign contains each word of it.
 */
export function assetGroups(
  assets: Asset[],
  query: string,
  recentIds: string[],
  recommendedIds: string[],
  campaignNames: Map<string, string>,
): Group[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (words.length) {
    const hits = assets.filter((a) => {
      const hay = fold(
        [a.title, a.type.replace(/_/g, ' '), campaignNames.get(a.campaignId ?? '') ?? ''].join(' '),
      );
      return words.every((w) => hay.includes(w));
    });
    return [{ label: t('assetLibrary'), assets: hits }];
  }
  const byId = new Map(assets.map((a) => [a.id, a]));
  const pick = (ids: string[]) => ids.flatMap((id) => byId.get(id) ?? []);
  const recent = pick(recentIds);
  const shown = new Set(recent.map((a) => a.id));
  const recommended = pick(recommendedIds).filter((a) => !shown.has(a.id));
  recommended.forEach((a) => shown.add(a.id));
  const rest = assets.filter((a) => !shown.has(a.id));
  return [
    { label: t('assetRecent'), assets: recent },
    { label: t('assetRecommended'), assets: recommended },
    { label: t('assetLibrary'), assets: rest },
  ].filter((g) => g.assets.length > 0);
}

/** A searchable list of the content library (combobox: type, arrows, Enter). */
export function AssetPicker({
  assets,
  recentIds,
  recommendedIds,
  campaignNames,
  selectedId,
  onSelect,
}: {
  assets: Asset[];
  recentIds: string[];
  recommendedIds: string[];
  campaignNames: Map<string, string>;
  selectedId?: string;
  onSelect: (assetId: string) => void;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const groups = useMemo(
    () => assetGroups(assets, query, recentIds, recommendedIds, campaignNames),
    [assets, query, recentIds, recommendedIds, campaignNames],
  );
  const flat = groups.flatMap((g) => g.assets);
  const [active, setActive] = useState(0);
  const activeIndex = Math.min(active, Math.max(flat.length - 1, 0));
  const optionId = (assetId: string) => `${id}-opt-${assetId}`;

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') setActive(Math.min(activeIndex + 1, flat.length - 1));
    else if (e.key === 'ArrowUp') setActive(Math.max(activeIndex - 1, 0));
    else if (e.key === 'Enter' && flat[activeIndex]) onSelect(flat[activeIndex].id);
    else return;
    e.preventDefault();
  };

  if (assets.length === 0) return <p className="muted">{t('assetNone')}</p>;
  return (
    <div className="asset-picker">
      <label htmlFor={`${id}-q`}>{t('assetSearch')}</label>
      <input
        id={`${id}-q`}
        type="search"
        role="combobox"
        data-testid="asset-search"
        aria-expanded={true}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={flat[activeIndex] ? optionId(flat[activeIndex].id) : undefined}
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <div id={`${id}-list`} role="listbox" aria-label={t('assetLibrary')} className="asset-list">
        {flat.length === 0 && <p className="muted">{t('assetNoMatch', query)}</p>}
        {groups.map((g) => (
          <div key={g.label} role="group" aria-label={g.label}>
            <p className="group-label" aria-hidden="true">
              {g.label}
            </p>
            {g.assets.map((a) => {
              const index = flat.indexOf(a);
              return (
                <div
                  key={a.id}
                  id={optionId(a.id)}
                  role="option"
                  data-testid="asset-option"
                  data-asset-id={a.id}
                  aria-selected={a.id === selectedId}
                  className={index === activeIndex ? 'option active' : 'option'}
                  onClick={() => onSelect(a.id)}
                >
                  <span>{a.title}</span> <span className="muted">{a.type.replace(/_/g, ' ')}</span>
                </div>
              );
            })}
          </div>
        ))}
      </div>
    </div>
  );
}
