import { useEffect } from 'react';
import { Icon } from '../components/ui';
import { dismissNotice, useSession, type Notice, type SessionState } from '../store';

const selectNotices = (s: SessionState) => s.notices;

function NoticeCard({ notice }: { notice: Notice }) {
  useEffect(() => {
    if (notice.tone !== 'info' || notice.progress || notice.action || notice.actions) return;
    const t = setTimeout(() => dismissNotice(notice.id), 5000);
    return () => clearTimeout(t);
  }, [notice]);
  const error = notice.tone === 'error';
  return (
    <div role={error ? 'alert' : 'status'} className={`kc-notice ${error ? 'kc-notice-error' : ''}`}>
      <div className="flex items-start gap-2">
        <p className="font-medium">{notice.title}</p>
        <button
          type="button"
          aria-label="Dismiss"
          className="ml-auto text-slate-400 hover:text-slate-100"
          onClick={() => dismissNotice(notice.id)}
        >
          <Icon name="close" />
        </button>
      </div>
      {notice.progress && (
        <div className="mt-1 flex items-center gap-2">
          <progress
            className="h-2 flex-1"
            aria-label={notice.progress.label}
            max={Math.max(1, notice.progress.total)}
            value={notice.progress.done}
          />
          <span className="text-[11.5px] text-slate-300">{notice.progress.label}</span>
          {notice.onCancel && (
            <button
              type="button"
              className="rounded border border-slate-500 px-2 text-[11.5px] hover:bg-slate-700"
              onClick={notice.onCancel}
            >
              Cancel
            </button>
          )}
        </div>
      )}
      {notice.lines.length > 0 && (
        <ul className="mt-1 max-h-48 overflow-auto font-mono text-[11.5px] leading-relaxed">
          {notice.lines.slice(0, 20).map((l, i) => (
            <li key={i}>{l}</li>
          ))}
        </ul>
      )}
      {(notice.action || notice.actions) && (
        <div className="flex gap-2">
          {[...(notice.action ? [notice.action] : []), ...(notice.actions ?? [])].map((a) => (
            <button
              key={a.label}
              type="button"
              className="mt-1 rounded border border-slate-500 px-2 text-[11.5px] hover:bg-slate-700"
              onClick={a.run}
            >
              {a.label}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}

/** Messages for the person: import errors with their line numbers, engine errors, confirmations. */
export function Notices() {
  const notices = useSession(selectNotices);
  return (
    <div
      aria-live="polite"
      data-testid="notices"
      className="pointer-events-none absolute top-14 right-[336px] z-50 flex w-[440px] flex-col gap-2"
    >
      {notices.map((n) => (
        <NoticeCard key={n.id} notice={n} />
      ))}
    </div>
  );
}
