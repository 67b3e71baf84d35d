import type { ButtonHTMLAttributes, ReactNode } from 'react';

/** A toolbar button: quiet by default, `active` for toggles, `primary` for the one main action. */
export function Button({
  children,
  active,
  primary,
  className = '',
  ...rest
}: ButtonHTMLAttributes<HTMLButtonElement> & { active?: boolean; primary?: boolean; children: ReactNode }) {
  const tone = primary ? 'kc-btn-primary' : active ? 'kc-btn-active' : '';
  return (
    <button type="button" className={`kc-btn ${tone} ${className}`} {...rest}>
      {children}
    </button>
  );
}
