import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { invalid, notFound } from '../common/errors/domain-errors.js';
import { type CursorKind, decodeCursor, type Page, toPage } from '../common/pagination/cursor.js';
import { localDate } from '../common/time/local-date.js';
import { ProfilesService } from '../profiles/profiles.service.js';
import { ThoughtsService } from '../thoughts/thoughts.service.js';
import type { ConvertThoughtDto } from './dto/convert-thought.dto.js';
import type { CreateTaskDto } from './dto/create-task.dto.js';
import type { ListTasksQueryDto, TaskSort } from './dto/list-tasks.query.dto.js';
import type { UpdateTaskDto } from './dto/update-task.dto.js';
import { isRealDate } from './dto/task-fields.js';
import { assertTransition, completedAtAfter } from './task-status.js';
import { titleFromThought } from './task-title.js';
import {
  type Task,
  TASK_PRIORITIES,
  TASK_STATUSES,
  type TaskPriority,
  type TaskStatus,
} from './task.entity.js';
import { type NewTask, type TaskChanges, TasksRepository } from './tasks.repository.js';

/** Each sort order pages by its own integer key, so its cursors are its own. */
const taskCursor = (sort: TaskSort): CursorKind => ({ list: `tasks:${sort}`, rank: 'integer' });

export interface TaskDraft {
  title: string;
  description?: string | null;
  priority?: TaskPriority;
  dueDate?: string | null;
  dueTime?: string | null;
  sourceThoughtId?: string | null;
  sourceSuggestionId?: string | null;
}

function checkDue(dueDate: string | null | undefined, dueTime: string | null | undefined): void {
  if (dueDate && !isRealDate(dueDate))
    throw invalid('due_date is not a calendar day', [
      { field: 'due_date', message: 'due_date is not a calendar day' },
    ]);
  if (dueTime && !dueDate)
    throw invalid('due_time needs a due_date', [
      { field: 'due_time', message: 'due_time needs a due_date' },
    ]);
}

@Injectable()
export class TasksService {
  constructor(
    private readonly tasks: TasksRepository,
    private readonly thoughts: ThoughtsService,
    private readonly profiles: ProfilesService,
  ) {}

  async create(userId: string, input: CreateTaskDto): Promise<Task> {
    if (input.source_thought_id) await this.thoughts.get(userId, input.source_thought_id);
    checkDue(input.due_date, input.due_time);
    const status = input.status ?? 'pending';
    return this.tasks.insert({
      ...this.draftToRow(userId, {
        title: input.title,
        description: input.description,
        priority: input.priority,
        dueDate: input.due_date,
        dueTime: input.due_time,
        sourceThoughtId: input.source_thought_id,
      }),
      status,
      completedAt: status === 'done' ? new Date() : null,
    });
  }

  /** For the suggestions service: the task an accepted suggestion becomes, inside its transaction. */
  createInTransaction(manager: EntityManager, userId: string, draft: TaskDraft): Promise<Task> {
    checkDue(draft.dueDate, draft.dueTime);
    return this.tasks.insert(this.draftToRow(userId, draft), manager);
  }

  /**
   * "Convert thought to task": the task points at the thought, and the thought becomes
   * actionable, both in one transaction, so a failure never leaves a task whose thought
   * still reads as not actionable.
   */
  async convertThought(userId: string, thoughtId: string, input: ConvertThoughtDto): Promise<Task> {
    const thought = await this.thoughts.get(userId, thoughtId);
    checkDue(input.due_date, input.due_time);
    return this.tasks.transaction(async (manager) => {
      const task = await this.tasks.insert(
        this.draftToRow(userId, {
          title: input.title ?? titleFromThought(thought.content),
          description: thought.content,
          priority: input.priority,
          dueDate: input.due_date,
          dueTime: input.due_time,
          sourceThoughtId: thought.id,
        }),
        manager,
      );
      if (
        !thought.isActionable &&
        !(await this.thoughts.markActionable(manager, userId, thought.id))
      )
        throw notFound('thought');
      return task;
    });
  }

  async list(userId: string, query: ListTasksQueryDto): Promise<Page<Task>> {
    const overdueBefore = query.overdue
      ? localDate((await this.profiles.getForUser(userId)).timezone)
      : undefined;
    const rows = await this.tasks.list(
      userId,
      {
        statuses: query.status,
        priorities: query.priority,
        dueBefore: query.due_before,
        dueAfter: query.due_after,
        overdueBefore,
        sourceThoughtId: query.source_thought_id,
      },
      query.sort,
      query.limit,
      decodeCursor(query.cursor, taskCursor(query.sort)),
    );
    return toPage(
      rows,
      query.limit,
      (row) => row.task,
      (row) => ({ createdAt: row.task.createdAt, id: row.task.id, rank: row.sortKey }),
      taskCursor(query.sort).list,
    );
  }

  /** Open tasks, newest first, for consciousness checks. */
  async openTasks(userId: string, limit: number): Promise<Task[]> {
    const rows = await this.tasks.list(
      userId,
      { statuses: ['pending', 'in_progress'] },
      'created',
      limit,
    );
    return rows.slice(0, limit).map((row) => row.task);
  }

  /** Stores an imported task (our own export's), validated like a created one, in the importer's transaction. */
  importTask(
    manager: EntityManager,
    userId: string,
    draft: TaskDraft & {
      status: TaskStatus;
      completedAt: Date | null;
      createdAt: Date;
      updatedAt: Date;
    },
  ): Promise<Task> {
    if (!draft.title?.trim()) throw invalid('title must not be empty');
    if (!TASK_PRIORITIES.includes(draft.priority ?? 'medium'))
      throw invalid('priority is not one of low, medium, high, urgent');
    if (!TASK_STATUSES.includes(draft.status)) throw invalid('status is not a task status');
    checkDue(draft.dueDate, draft.dueTime);
    return this.tasks.insertImported(manager, {
      ...this.draftToRow(userId, draft),
      status: draft.status,
      completedAt: draft.completedAt,
      createdAt: draft.createdAt,
      updatedAt: draft.updatedAt,
    });
  }

  /** For export: a page of the user's tasks, oldest first, after the given one. */
  exportPage(
    userId: string,
    limit: number,
    after?: { createdAt: Date; id: string },
  ): Promise<Task[]> {
    return this.tasks.exportPage(userId, limit, after);
  }

  async get(userId: string, id: string): Promise<Task> {
    const task = await this.tasks.findById(userId, id);
    if (!task) throw notFound('task');
    return task;
  }

  update(userId: string, id: string, input: UpdateTaskDto): Promise<Task> {
    const changes: TaskChanges = {
      title: input.title,
      description: input.description,
      priority: input.priority,
      dueDate: input.due_date,
      dueTime: input.due_time,
    };
    if (Object.values({ ...changes, status: input.status }).every((value) => value === undefined)) {
      throw invalid('no changes given');
    }
    return this.tasks.transaction(async (manager) => {
      const current = await this.tasks.findById(userId, id, manager, true);
      if (!current) throw notFound('task');
      // Clearing the date clears its time too.
      if (input.due_date === null) changes.dueTime = null;
      checkDue(
        changes.dueDate === undefined ? current.dueDate : changes.dueDate,
        changes.dueTime === undefined ? current.dueTime : changes.dueTime,
      );
      if (input.status !== undefined && input.status !== current.status) {
        assertTransition(current.status, input.status);
        changes.status = input.status;
        changes.completedAt = completedAtAfter(
          current.status,
          input.status,
          current.completedAt,
          new Date(),
        );
      }
      const touched = Object.values(changes).some((value) => value !== undefined);
      return touched ? this.tasks.update(userId, id, changes, manager) : current;
    });
  }

  async delete(userId: string, id: string): Promise<void> {
    if (!(await this.tasks.delete(userId, id))) throw notFound('task');
  }

  private draftToRow(userId: string, draft: TaskDraft): NewTask {
    return {
      userId,
      title: draft.title.trim(),
      description: draft.description ?? null,
      priority: draft.priority ?? 'medium',
      status: 'pending',
      dueDate: draft.dueDate ?? null,
      dueTime: draft.dueDate ? (draft.dueTime ?? null) : null,
      sourceThoughtId: draft.sourceThoughtId ?? null,
      sourceSuggestionId: draft.sourceSuggestionId ?? null,
      completedAt: null,
    };
  }
}
