import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { conflict, isUniqueViolation, notFound } from '../common/errors/domain-errors.js';
import type { ApiKeyScope } from './api-key.entity.js';
import { ApiKeysService, type IssuedApiKey } from './api-keys.service.js';
import type { User } from './user.entity.js';
import { UsersRepository } from './users.repository.js';

export interface NewUser {
  name: string;
  email: string;
  /** Scope of the first key; admin rights belong to keys, not to users. */
  keyScope?: ApiKeyScope;
  keyName?: string;
}

@Injectable()
export class UsersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly users: UsersRepository,
    private readonly apiKeys: ApiKeysService,
  ) {}

  /** Creates the user and their first API key together: a user without a key is useless. */
  async createWithKey(input: NewUser): Promise<{ user: User; apiKey: IssuedApiKey }> {
    try {
      return await this.dataSource.transaction((manager) => this.insertWithKey(manager, input));
    } catch (error) {
      if (isUniqueViolation(error)) throw conflict('a user with this email already exists');
      throw error;
    }
  }

  async insertWithKey(manager: EntityManager, input: NewUser, presetKey?: string) {
    const user = await this.users.insert(manager, input.name.trim(), input.email.trim());
    const apiKey = await this.apiKeys.create(
      {
        userId: user.id,
        name: input.keyName ?? 'default',
        scope: input.keyScope ?? 'user',
        presetKey,
      },
      manager,
    );
    return { user, apiKey };
  }

  async getById(id: string): Promise<User> {
    const user = await this.users.findById(id);
    if (!user) throw notFound('user');
    return user;
  }

  async getByEmail(email: string): Promise<User> {
    const user = await this.users.findByEmail(email);
    if (!user) throw notFound('user');
    return user;
  }
}
