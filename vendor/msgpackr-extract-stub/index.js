// msgpackr wraps require('msgpackr-extract') in try/catch and falls back to plain JavaScript.
throw new Error('msgpackr-extract native decoder not installed (stub)');
