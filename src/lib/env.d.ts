// structuredClone is part of every JavaScript runtime the engine runs in (browsers, workers, Node >= 17),
// but lives in the DOM lib; the engine's tsconfig has no DOM, so it is declared here alone.
declare function structuredClone<T>(value: T): T;
