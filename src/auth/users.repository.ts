import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { type RowOf, rowMapper, snakeCase } from '../common/database/sql-rows.js';
import { User } from './user.entity.js';

/** What findById reads (not preferences), each from its snake_case column. */
const USER_FIELDS = ['id', 'name', 'email', 'createdAt', 'updatedAt'] as const;
const USER_COLUMNS = USER_FIELDS.map(snakeCase).join(', ');
const toUser = rowMapper(User, USER_FIELDS);

@Injectable()
export class UsersRepository {
  constructor(@InjectRepository(User) private readonly users: Repository<User>) {}

  async insert(manager: EntityManager, name: string, email: string): Promise<User> {
    const result = await manager
      .createQueryBuilder()
      .insert()
      .into(User)
      .values({ name, email })
      .execute();
    return Object.assign(new User(), { name, email }, result.generatedMaps[0]);
  }

  /**
   * Plain SQL rather than findOne: every GET /me pays for the lookup, and the query builder
   * cost more CPU than the rest of that request's handling.
   */
  async findById(id: string): Promise<User | null> {
    const rows = (await this.users.query(
      `SELECT ${USER_COLUMNS} FROM users WHERE id = $1 LIMIT 1`,
      [id],
    )) as RowOf<User, (typeof USER_FIELDS)[number]>[];
    return rows.length > 0 ? toUser(rows[0]!) : null;
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return (manager?.getRepository(User) ?? this.users)
      .createQueryBuilder('user')
      .select(['user.id', 'user.name', 'user.email', 'user.createdAt', 'user.updatedAt'])
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }
}
