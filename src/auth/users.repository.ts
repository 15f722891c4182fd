import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { EntityManager, Repository } from 'typeorm';
import { User } from './user.entity.js';

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

  findById(id: string): Promise<User | null> {
    return this.users.findOne({
      where: { id },
      select: { id: true, name: true, email: true, createdAt: true, updatedAt: true },
    });
  }

  findByEmail(email: string, manager?: EntityManager): Promise<User | null> {
    return (manager?.getRepository(User) ?? this.users)
      .createQueryBuilder('user')
      .select(['user.id', 'user.name', 'user.email', 'user.createdAt', 'user.updatedAt'])
      .where('lower(user.email) = lower(:email)', { email })
      .getOne();
  }
}
