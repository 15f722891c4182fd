import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { notFound } from '../common/errors/domain-errors.js';
import type { Operation, OperationKind } from './operation.entity.js';
import { OperationsRepository } from './operations.repository.js';

@Injectable()
export class OperationsService {
  constructor(private readonly operations: OperationsRepository) {}

  start(
    userId: string,
    kind: OperationKind,
    parameters: Record<string, unknown>,
    options: { selecting?: boolean } = {},
    manager?: EntityManager,
  ): Promise<Operation> {
    return this.operations.create(userId, kind, parameters, options, manager);
  }

  lockForSelection(manager: EntityManager, id: string): Promise<Operation | null> {
    return this.operations.lockForSelection(manager, id);
  }

  recordSelection(
    manager: EntityManager,
    id: string,
    chunk: Parameters<OperationsRepository['recordSelection']>[2],
  ): Promise<void> {
    return this.operations.recordSelection(manager, id, chunk);
  }

  setTotal(id: string, total: number): Promise<void> {
    return this.operations.setTotal(id, total);
  }

  recordItem(id: string, outcome: 'done' | 'failed'): Promise<void> {
    return this.operations.recordItem(id, outcome);
  }

  setProgress(
    id: string,
    progress: Parameters<OperationsRepository['setProgress']>[1],
  ): Promise<void> {
    return this.operations.setProgress(id, progress);
  }

  finish(
    id: string,
    state: Parameters<OperationsRepository['finish']>[1],
    progress: Parameters<OperationsRepository['finish']>[2],
  ): Promise<void> {
    return this.operations.finish(id, state, progress);
  }

  async get(userId: string, id: string): Promise<Operation> {
    const operation = await this.operations.findById(userId, id);
    if (!operation) throw notFound('operation');
    return operation;
  }
}
