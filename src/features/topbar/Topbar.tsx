import { useRef, useState } from 'react';
import { Button, Icon } from '../../components/ui';
import { loadDesign, redo, TEMPLATES, undo, useHistory } from '../../store';
import { ExportMenu } from './ExportMenu';
import { copyShareLink, importFiles } from './files';
import { ThemeToggle } from './ThemeToggle';

function Menu({ label, children }: { label: string; children: (close: () => void) => React.ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="relative" onBlur={(e) => !e.currentTarget.contains(e.relatedTarget) && setOpen(false)}>
      <Button aria-haspopup="menu" aria-expanded={open} onClick={() => setOpen(!open)}>
        {label} <span className="text-slate-400">▾</span>
      </Button>
      {open && (
        <div role="menu" className="kc-menu top-full right-0 mt-1">
          {children(() => setOpen(false))}
        </div>
      )}
    </div>
  );
}

/** The top bar: history, files, share and present (the time controls are the timeline's, below the canvas). */
export function Topbar({ onPresent }: { onPresent?: () => void }) {
  const { canUndo, canRedo } = useHistory();
  const picker = useRef<HTMLInputElement>(null);
  return (
    <header className="kc-topbar" aria-label="Top bar">
      <div className="flex items-center gap-2 pr-3">
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true">
          <path d="M12 2l8.7 5v10L12 22l-8.7-5V7z" fill="#326ce5" />
          <circle cx="12" cy="12" r="3.2" fill="none" stroke="white" strokeWidth="1.6" />
        </svg>
        <h1 className="m-0 text-[15px] font-semibold tracking-tight text-slate-100">kubecanvas</h1>
      </div>
      <div className="kc-group">
        <Button aria-label="Undo" title="Undo (Ctrl+Z)" disabled={!canUndo} onClick={undo}>
          <Icon name="undo" />
        </Button>
        <Button aria-label="Redo" title="Redo (Ctrl+Shift+Z)" disabled={!canRedo} onClick={redo}>
          <Icon name="redo" />
        </Button>
      </div>
      <div className="kc-group">
        <Menu label="New">
          {(close) =>
            Object.entries(TEMPLATES)
              .filter(([, t]) => !t.hidden)
              .map(([id, t]) => (
                <button
                  key={id}
                  role="menuitem"
                  type="button"
                  className="kc-menu-item"
                  onClick={() => {
                    loadDesign(t.objects(), { positions: t.positions?.() ?? {} });
                    close();
                  }}
                >
                  {t.title}
                </button>
              ))
          }
        </Menu>
        <Button
          onClick={() => picker.current?.click()}
          title="Import YAML or a project file (or drop files, or paste)"
        >
          <Icon name="upload" /> Import
        </Button>
        <input
          ref={picker}
          type="file"
          aria-label="Import files"
          accept=".yaml,.yml,.json"
          multiple
          hidden
          onChange={(e) => {
            void importFiles([...(e.target.files ?? [])]);
            e.target.value = '';
          }}
        />
        <ExportMenu />
      </div>
      <div className="ml-auto flex items-center gap-1">
        <ThemeToggle />
        <Button onClick={() => void copyShareLink()} title="Copy a link that opens this design">
          <Icon name="link" /> Share
        </Button>
        <Button onClick={onPresent} disabled={!onPresent} title="Present the deck">
          <Icon name="present" /> Present
        </Button>
      </div>
    </header>
  );
}
