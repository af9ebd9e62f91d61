/** Shared by the stack tests: one offline synthesis per variant, and ways to read its templates. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';
import { type SynthResult, synthesize, type Template } from './synth';

export type Resource = Template['Resources'][string] & { stack: string; id: string };

export interface Synthesized extends SynthResult {
  sstDir: string;
  /** Every resource of `type` across the app's stacks. */
  resources(type: string): Resource[];
  /** Fails the test unless exactly one resource matches. */
  one(type: string, where?: (r: Resource) => boolean): Resource;
  cleanup(): void;
}

/**
 * Synthesizes a stage into a temporary folder; settings not given are cleared. Functions are
 * built once per run, shared by the stages (stacks/global-setup.ts).
 */
export async function synthForTest(stage: string, env: Record<string, string> = {}): Promise<Synthesized> {
  const sstDir = mkdtempSync(join(tmpdir(), `konecta-synth-${stage}-`));
  const result = await synthesize({
    stage,
    root: join(import.meta.dirname, '..'),
    sstDir,
    functionBuilds: inject('functionBuilds'),
    env: { KONECTA_RUNTIME: undefined, KONECTA_ADMIN_EMAIL: undefined, KONECTA_PUBLIC_URL: undefined, ...env },
  });
  const resources = (type: string) =>
    Object.entries(result.templates).flatMap(([stack, template]) =>
      Object.entries(template.Resources)
        .filter(([, r]) => r.Type === type)
        .map(([id, r]) => ({ ...r, stack, id })),
    );
  return {
    ...result,
    sstDir,
    resources,
    one(type, where = () => true) {
      const found = resources(type).filter(where);
      if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
      return found[0] as Resource;
    },
    cleanup: () => rmSync(sstDir, { recursive: true, force: true }),
  };
}

export const props = (r: Resource) => (r.Properties ?? {}) as Record<string, any>;

/** A reference's text (`Ref`, `Fn::GetAtt`, `Fn::ImportValue`), to tell which resource it names. */
export const refText = (value: unknown) => JSON.stringify(value ?? null);

export interface IngressRule {
  /** The group the rule admits traffic to. */
  to: string;
  from: string;
  protocol: string;
  fromPort?: number;
  toPort?: number;
}

/** Every inbound rule of every security group: inline ones and standalone ingress resources. */
export function ingressRules(app: Synthesized): IngressRule[] {
  const rules: IngressRule[] = [];
  for (const group of app.resources('AWS::EC2::SecurityGroup')) {
    for (const rule of (props(group).SecurityGroupIngress ?? []) as Record<string, any>[]) {
      rules.push({
        to: group.id,
        from: rule.CidrIp ?? rule.CidrIpv6 ?? refText(rule.SourceSecurityGroupId),
        protocol: String(rule.IpProtocol),
        fromPort: rule.FromPort,
        toPort: rule.ToPort,
      });
    }
  }
  for (const rule of app.resources('AWS::EC2::SecurityGroupIngress')) {
    const p = props(rule);
    rules.push({
      to: refText(p.GroupId),
      from: p.CidrIp ?? p.CidrIpv6 ?? refText(p.SourceSecurityGroupId),
      protocol: String(p.IpProtocol),
      fromPort: p.FromPort,
      toPort: p.ToPort,
    });
  }
  return rules;
}

/** Whether a rule lets TCP traffic to `port` through. */
export const admitsPort = (rule: IngressRule, port: number) =>
  rule.protocol === '-1' || (rule.protocol === 'tcp' && (rule.fromPort ?? 0) <= port && port <= (rule.toPort ?? 65535));
