import { DEFAULT_WORKFLOW, workflowValidator } from '@tessera/schema';
import { describe, expect, it } from 'vitest';
import {
  errorsFromServer,
  initialProjectForm,
  type ProjectForm,
  slugify,
  validateProjectForm,
} from './new-project-form';

const withName = (name: string, patch: Partial<ProjectForm['workflow']> = {}): ProjectForm => {
  const form = initialProjectForm();
  return { ...form, name, workflow: { ...form.workflow, ...patch } };
};

describe('new project form', () => {
  it('turns the untouched defaults into the server default workflow', () => {
    const result = validateProjectForm(withName('street-scenes'));
    expect(result).toEqual({
      ok: true,
      body: { name: 'street-scenes', modality: 'image', workflow: DEFAULT_WORKFLOW },
    });
  });

  it('converts percentages and an empty SLA, and the result passes the schema validator', () => {
    const result = validateProjectForm({
      ...withName('p1', {
        review: 'sample',
        review_rate: '25',
        gold_rate: '5',
        sla_seconds: '',
        annotations_per_task: '3',
      }),
      title: '  Street scenes  ',
    });
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    expect(result.body.title).toBe('Street scenes');
    expect(result.body.workflow.review).toEqual({ policy: 'sample', rate: 0.25 });
    expect(result.body.workflow.gold_rate).toBe(0.05);
    expect(result.body.workflow.sla_seconds).toBeNull();
    expect(result.body.workflow.annotations_per_task).toBe(3);
    expect(workflowValidator.validate(result.body.workflow).ok).toBe(true);
  });

  it('reports every bad field with its key, with the server name rule', () => {
    const result = validateProjectForm(
      withName('Bad Name', {
        annotations_per_task: '0',
        gold_rate: '150',
        lease_seconds: '2.5',
        sla_seconds: '30',
        max_attempts: '',
        review: 'sample',
        review_rate: 'x',
      }),
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual([
      'name',
      'workflow-annotations_per_task',
      'workflow-gold_rate',
      'workflow-lease_seconds',
      'workflow-max_attempts',
      'workflow-review_rate',
      'workflow-sla_seconds',
    ]);
    expect(result.errors.name).toMatch(/lowercase letters, digits and _ \. -/);
    expect(result.errors['workflow-sla_seconds']).toBe('At least 60.');
    expect(validateProjectForm(withName('')).ok).toBe(false);
    expect(validateProjectForm(withName('-x')).ok).toBe(false);
    expect(validateProjectForm(withName('a'.repeat(65))).ok).toBe(false);
  });

  it('slugifies titles into valid names', () => {
    expect(slugify('Street Scenes 2024!')).toBe('street-scenes-2024');
    expect(slugify('  --Café  ')).toBe('cafe');
    expect(slugify('x'.repeat(100))).toHaveLength(64);
  });

  it('maps server pointers to form keys', () => {
    expect(
      errorsFromServer([
        { pointer: '/name', message: 'bad' },
        { pointer: '/workflow/review/rate', message: 'must be <= 1' },
        { pointer: '/workflow/gold_rate', message: 'too big' },
        { pointer: '/workflow/gold_rate', message: 'again' },
        { pointer: '/', message: 'whole body' },
      ]),
    ).toEqual({
      name: 'bad',
      'workflow-review_rate': 'must be <= 1',
      'workflow-gold_rate': 'too big; again',
      form: 'whole body',
    });
  });
});
