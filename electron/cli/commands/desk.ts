// `desk`: the expert desk seen from the organiser's own tool. Shows whether a project is an
// expert desk and who can sign in; `--leave` takes it back to organiser mode without the
// organiser PIN (a forgotten PIN must not lock the organiser out of their own project: whoever
// runs the CLI on the file is the organiser). The PIN is removed then, and both steps are audited.
import type { Command } from 'commander';
import { call, withProject } from '../operations';
import { printJson, say } from '../output';

export function deskCommand(program: Command): void {
  program
    .command('desk')
    .description(
      '查看专家模式，或退出专家模式（忘记主办方 PIN 时） / show the expert desk, or leave it (a forgotten organiser PIN)',
    )
    .argument('<project>')
    .option(
      '--leave',
      '退出专家模式并清除主办方 PIN / leave expert mode and remove the organiser PIN',
    )
    .option('--json', 'JSON 输出 / JSON output')
    .action(async (project: string, options: { leave?: boolean; json?: boolean }) => {
      await withProject(project, async () => {
        let state = await call('desk.state', {});
        if (options.leave && state.mode === 'expert') {
          await call('desk.settings', { organiser_pin: null });
          state = await call('desk.close', {});
          say(
            '已退出专家模式，主办方 PIN 已清除。再次进入专家模式前请在窗口中设置新的主办方 PIN。',
            'Left expert mode; the organiser PIN is removed. Set a new one in the window before opening the desk again.',
          );
        }
        if (options.json) {
          printJson(state);
          return;
        }
        const experts = state.experts.map((e) => `${e.name}（${e.reviewer_id}）`).join('、');
        say(
          `${state.mode === 'expert' ? '专家模式' : '主办方模式'}；空闲 ${state.idle_lock_minutes} 分钟自动锁定；主办方 PIN ${state.organiser_pin_set ? '已设置' : '未设置'}；可登录的专家：${experts || '无'}`,
          `${state.mode === 'expert' ? 'Expert desk' : 'Organiser mode'}; locks after ${state.idle_lock_minutes} idle minutes; organiser PIN ${state.organiser_pin_set ? 'set' : 'not set'}; experts who can sign in: ${state.experts.map((e) => `${e.name} (${e.reviewer_id})`).join(', ') || 'none'}`,
        );
      });
    });
}
