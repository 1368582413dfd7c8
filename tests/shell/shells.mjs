// The shells of the paste harness: a sandbox directory with fake `avn` and `curl`
// (and `pwned`, `notfound`, `donemark`) that record their argv, commands run as
// scripts by bash, dash and zsh, and interactive bash and zsh under tmux receiving
// the command as a paste (bracketed or plain) followed by Enter.
//
// Every shell runs with an empty environment except PATH (the fake commands only),
// HOME, TERM, LANG, ARGV_LOG and AIVEN_TOKEN, in a working directory that must stay
// empty: a command that does anything but run avn/curl either runs a fake command
// that is not the intended one (recorded), or a command that does not exist
// (recorded by the not-found handler interactively, an error on stderr in scripts),
// or creates a file (seen in the directory).

import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, fstatSync, mkdirSync, mkdtempSync, openSync, readFileSync, readSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The token the fake curl must receive through `$AIVEN_TOKEN`. */
export const TOKEN = 'paste-harness-token';

// Records `name arg1 arg2 ...`, each hex-encoded (exact bytes, newlines included),
// one line per run. Perl is part of every Debian system (perl-base).
const RECORDER = `#!/usr/bin/perl
my $name = $0; $name =~ s{.*/}{};
open(my $f, '>>', $ENV{ARGV_LOG}) or die "ARGV_LOG: $!";
print $f join(' ', map { unpack('H*', $_) } ($name, @ARGV)), "\\n";
close $f;
`;
const FAKES = ['avn', 'curl', 'pwned', 'notfound', 'donemark'];

function need(cmd) {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${cmd} is not installed (scripts/setup.sh installs it)`);
  return r.stdout.trim();
}

export class Sandbox {
  constructor() {
    this.root = mkdtempSync(join(tmpdir(), 'aiven-fork-paste-'));
    this.bin = join(this.root, 'bin');
    this.home = join(this.root, 'home');
    this.work = join(this.root, 'work');
    this.log = join(this.root, 'argv.log');
    for (const d of [this.bin, this.home, this.work]) mkdirSync(d);
    for (const name of FAKES) {
      writeFileSync(join(this.bin, name), RECORDER);
      chmodSync(join(this.bin, name), 0o755);
    }
    writeFileSync(this.log, '');
    this.shells = { bash: need('bash'), dash: need('dash'), zsh: need('zsh'), tmux: need('tmux') };
    this.env = {
      PATH: this.bin,
      HOME: this.home,
      TERM: 'xterm-256color',
      LANG: 'C.UTF-8',
      ARGV_LOG: this.log,
      AIVEN_TOKEN: TOKEN,
    };
  }

  /** The records since the last call: `[name, ...args]` per run of a fake. */
  takeLog() {
    const text = readFileSync(this.log, 'utf8');
    writeFileSync(this.log, '');
    return parseLog(text);
  }

  /** Files in the working directory (must stay empty). */
  leftovers() {
    return readdirSync(this.work);
  }

  /** Empty the working directory (keeping the directory: shells have it as cwd). */
  clearWork() {
    for (const name of readdirSync(this.work)) rmSync(join(this.work, name), { recursive: true, force: true });
  }

  /** Run `command` as a script file with `shell` (bash, dash or zsh). */
  script(shell, command) {
    const file = join(this.root, 'case.sh');
    writeFileSync(file, `${command}\n`);
    const r = spawnSync(this.shells[shell], [file], { cwd: this.work, env: this.env, encoding: 'utf8', timeout: 20000 });
    return { status: r.status, stderr: r.stderr, error: r.error };
  }

  close() {
    rmSync(this.root, { recursive: true, force: true });
  }
}

export function parseLog(text) {
  return text
    .split('\n')
    .filter((l) => l !== '')
    .map((l) => l.split(' ').map((h) => Buffer.from(h, 'hex').toString('utf8')));
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

// The tmux servers started and not yet closed: whatever ends the test process, they
// end with it.
const live = new Set();
process.on('exit', () => {
  for (const session of live) session.close();
});

/**
 * An interactive shell in a tmux pane of its own server (`tmux -S` with a socket in
 * the sandbox), so that nothing else on the machine is touched and `close()` ends
 * exactly what was started.
 */
export class Interactive {
  /**
   * @param {Sandbox} sb
   * @param {'bash' | 'zsh'} shell
   */
  constructor(sb, shell) {
    this.sb = sb;
    this.shell = shell;
    // Its own server, its socket inside the sandbox (removed with it).
    this.socket = join(sb.root, `tmux-${shell}`);
    this.buffer = join(sb.root, `paste-${shell}.txt`);
    this.marks = 0;
    const argv = shell === 'bash' ? [sb.shells.bash, '-i'] : [sb.shells.zsh, '-f'];
    live.add(this);
    const env = Object.entries(sb.env).map(([k, v]) => `${k}=${v}`);
    this.tmux('-f', '/dev/null', 'new-session', '-d', '-s', 'paste', '-x', '200', '-y', '50', '-c', sb.work,
      '/usr/bin/env', '-i', ...env, ...argv);
    // Unknown commands are recorded, not only printed.
    const handler = shell === 'bash'
      ? 'command_not_found_handle() { notfound "$@"; return 127; }'
      : 'command_not_found_handler() { notfound "$@"; return 127; }';
    // The terminal output is recorded: the shell turns bracketed paste on (ESC [?2004h)
    // while its line editor waits for input and off (ESC [?2004l) while a command
    // runs, and tmux brackets a paste only while it is on.
    this.output = join(sb.root, `output-${shell}.bin`);
    writeFileSync(this.output, '');
    this.tmux('pipe-pane', '-O', '-t', 'paste', `cat >> '${this.output}'`);
    this.tmux('send-keys', '-t', 'paste', '-l', handler);
    this.tmux('send-keys', '-t', 'paste', 'Enter');
    this.mark();
    const setup = this.sb.takeLog();
    if (setup.length !== 1 || setup[0][0] !== 'donemark') throw new Error(`${shell} did not start: ${JSON.stringify(setup)}\n${this.screen()}`);
  }

  /** Whether the shell asks the terminal for bracketed paste at its prompt. */
  asksForBracketedPaste() {
    try {
      this.waitForPrompt(10000);
      return true;
    } catch {
      return false;
    }
  }

  /**
   * Wait (bounded) until the line editor waits for input, which is when the shell has
   * turned bracketed paste on: the last mode switch in its output is ESC [?2004h. A
   * person pastes at a prompt; pasting while a command still runs would also make tmux
   * send a "bracketed" paste without the brackets.
   */
  waitForPrompt(ms = 20000) {
    const start = Date.now();
    const tail = Buffer.alloc(4096);
    // The output reaches the file a little after the shell writes it: only a switch
    // after the echo of the last marker counts.
    const marker = `donemark ${this.marks}`;
    for (;;) {
      const fd = openSync(this.output, 'r');
      const size = fstatSync(fd).size;
      const n = readSync(fd, tail, 0, Math.min(size, tail.length), Math.max(0, size - tail.length));
      closeSync(fd);
      const text = tail.toString('latin1', 0, n);
      const after = text.lastIndexOf(marker);
      const on = text.lastIndexOf('\x1b[?2004h');
      if (after >= 0 && on > after && on > text.lastIndexOf('\x1b[?2004l')) return;
      if (Date.now() - start > ms) throw new Error(`${this.shell}: the prompt never came back\n${this.screen()}`);
      sleep(2);
    }
  }

  tmux(...args) {
    const r = spawnSync(this.sb.shells.tmux, ['-S', this.socket, ...args], { encoding: 'utf8', timeout: 20000 });
    if (r.status !== 0) throw new Error(`tmux ${args.join(' ')}: ${r.stderr}`);
    return r.stdout;
  }

  /** What the pane shows (for failure messages). */
  screen() {
    try {
      return this.tmux('capture-pane', '-p', '-t', 'paste', '-S', '-40');
    } catch (e) {
      return String(e);
    }
  }

  /**
   * Type a marker command and wait until it ran (everything typed before it has been
   * read and run by then). Bounded: throws after `ms`.
   */
  mark(ms = 20000) {
    const n = ++this.marks;
    this.tmux('send-keys', '-t', 'paste', '-l', `donemark ${n}`, ';', 'send-keys', '-t', 'paste', 'Enter');
    const start = Date.now();
    for (;;) {
      const text = readFileSync(this.sb.log, 'utf8');
      const records = parseLog(text);
      if (records.some((r) => r[0] === 'donemark' && r[1] === String(n))) return;
      if (Date.now() - start > ms) throw new Error(`${this.shell}: marker ${n} never ran (the paste left the shell waiting?)\n${this.screen()}`);
      sleep(3);
    }
  }

  /**
   * Paste `text` as a terminal paste (bracketed: wrapped in the paste markers the
   * shell asked for; plain: the bytes as typed, newlines as CR), press Enter, and wait
   * for the marker. Returns the records of the paste (the marker's removed).
   */
  paste(text, bracketed) {
    this.waitForPrompt();
    writeFileSync(this.buffer, text);
    const paste = ['paste-buffer', '-d', '-b', 'case', '-t', 'paste'];
    if (bracketed) paste.push('-p');
    this.tmux('load-buffer', '-b', 'case', this.buffer, ';', ...paste, ';', 'send-keys', '-t', 'paste', 'Enter');
    this.mark();
    const records = this.sb.takeLog();
    return records.filter((r) => !(r[0] === 'donemark' && r[1] === String(this.marks)));
  }

  /**
   * Paste `text` without pressing Enter: `beforeEnter` is what ran (as soon as
   * something ran, or after `ms` when nothing did); then, if nothing ran, Enter is
   * pressed and `afterEnter` is what the paste left in the line editor ran.
   */
  pasteWithoutEnter(text, bracketed, ms) {
    this.waitForPrompt();
    writeFileSync(this.buffer, text);
    const paste = ['paste-buffer', '-d', '-b', 'case', '-t', 'paste'];
    if (bracketed) paste.push('-p');
    this.tmux('load-buffer', '-b', 'case', this.buffer, ';', ...paste);
    const start = Date.now();
    let beforeEnter = [];
    while (beforeEnter.length === 0 && Date.now() - start < ms) {
      sleep(5);
      beforeEnter = parseLog(readFileSync(this.sb.log, 'utf8'));
    }
    if (beforeEnter.length === 0) this.tmux('send-keys', '-t', 'paste', 'Enter');
    this.mark();
    const afterEnter = this.sb.takeLog().filter((r) => r[0] !== 'donemark' || r[1] !== String(this.marks));
    return { beforeEnter, afterEnter: beforeEnter.length === 0 ? afterEnter : [] };
  }

  close() {
    live.delete(this);
    try {
      this.tmux('kill-server');
    } catch {
      // Already gone.
    }
  }
}
