// Inside the shadow root: the host page's CSS cannot reach in, and ours cannot leak out.
// Colours meet WCAG AA contrast on white (the darkest blue is the French State's #000091).
export const WIDGET_CSS = `
:host { all: initial; }
:host, * { box-sizing: border-box; font: 16px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1b1b1b; }
[hidden] { display: none !important; }
.sr-only { position: absolute; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; border: 0; }
button, textarea, input { font: inherit; }
:focus-visible { outline: 3px solid #0a76f6; outline-offset: 2px; }
.launcher { position: fixed; right: 1rem; bottom: 1rem; z-index: 2147483000; display: inline-flex; align-items: center; gap: .5rem;
  border: 0; border-radius: 999px; padding: .75rem 1.15rem; background: #000091; color: #fff; font-weight: 600; cursor: pointer;
  box-shadow: 0 4px 14px rgba(0,0,0,.25); }
.launcher * { color: #fff; font-weight: 600; }
.launcher:hover { background: #1212ff; }
.badge { display: inline-block; min-width: 1.4rem; padding: 0 .35rem; border-radius: 999px; background: #fff; color: #000091; font-size: .85rem; text-align: center; }
.badge * { color: #000091; }
.panel { position: fixed; right: 1rem; bottom: 4.75rem; z-index: 2147483000; display: flex; flex-direction: column;
  width: min(24rem, calc(100vw - 2rem)); height: min(36rem, calc(100vh - 6rem)); background: #fff; border: 1px solid #929292;
  border-radius: 12px; box-shadow: 0 10px 30px rgba(0,0,0,.25); overflow: hidden; }
.head { display: flex; align-items: flex-start; gap: .5rem; padding: .75rem 1rem; background: #000091; }
.head * { color: #fff; }
.head__text { flex: 1; }
.title { margin: 0; font-size: 1.05rem; font-weight: 700; }
.status { margin: .1rem 0 0; font-size: .875rem; }
.close { border: 0; background: transparent; cursor: pointer; font-size: 1.5rem; line-height: 1; padding: .1rem .4rem; border-radius: 6px; }
.close:focus-visible { outline-color: #fff; }
.notice { margin: 0; padding: .6rem 1rem; background: #fff4e5; border-bottom: 1px solid #e3c79a; font-size: .9rem; }
.notice a { color: #000091; }
.log { flex: 1; overflow-y: auto; }
.log__list { list-style: none; margin: 0; padding: .75rem 1rem; display: flex; flex-direction: column; gap: .6rem; }
.empty { color: #3a3a3a; font-size: .95rem; }
.msg { max-width: 85%; padding: .5rem .75rem; border-radius: 12px; }
.msg--citizen { align-self: flex-end; background: #e3e3fd; border-bottom-right-radius: 4px; }
.msg--agent { align-self: flex-start; background: #eeeeee; border-bottom-left-radius: 4px; }
.msg__meta { margin: 0 0 .15rem; font-size: .8rem; color: #3a3a3a; }
.msg__text { margin: 0; white-space: pre-wrap; overflow-wrap: anywhere; }
.survey-button { display: inline-block; margin-top: .4rem; padding: .35rem .75rem; border-radius: 6px; background: #000091; color: #fff; text-decoration: none; }
.survey-button:focus-visible { outline: 3px solid #000091; outline-offset: 2px; }
.msg__state { margin: .2rem 0 0; font-size: .8rem; color: #3a3a3a; }
.msg--failed .msg__state { color: #ce0500; }
.retry { margin-left: .4rem; border: 1px solid #000091; background: #fff; color: #000091; border-radius: 6px; padding: 0 .4rem; cursor: pointer; font-size: .8rem; }
.typing { margin: 0; padding: 0 1rem .25rem; min-height: 1.4rem; font-size: .875rem; font-style: italic; color: #3a3a3a; }
.form { border-top: 1px solid #ddd; padding: .6rem 1rem .75rem; display: flex; flex-direction: column; gap: .4rem; }
.field { display: flex; flex-direction: column; gap: .1rem; }
.field label { font-size: .85rem; }
.field input { border: 1px solid #6a6a6a; border-radius: 6px; padding: .3rem .5rem; }
.hint { margin: 0; font-size: .8rem; color: #3a3a3a; }
.row { display: flex; gap: .5rem; align-items: flex-end; }
textarea { flex: 1; resize: none; border: 1px solid #6a6a6a; border-radius: 8px; padding: .45rem .6rem; min-height: 2.6rem; max-height: 8rem; }
.send { border: 0; border-radius: 8px; padding: .55rem .9rem; background: #000091; color: #fff; font-weight: 600; cursor: pointer; }
.send:disabled { background: #6a6a6a; cursor: not-allowed; }
.error { margin: 0; color: #ce0500; font-size: .875rem; }
@media (max-width: 30rem) { .panel { right: .5rem; left: .5rem; width: auto; bottom: 4.5rem; height: calc(100vh - 5.5rem); } }
`;
