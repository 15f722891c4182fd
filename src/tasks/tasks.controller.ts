import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { AuthContext } from '../auth/auth-context.js';
import { CurrentAuth } from '../common/decorators/current-auth.decorator.js';
import { ErrorResponseDto } from '../common/errors/error-response.dto.js';
import { ConvertThoughtDto } from './dto/convert-thought.dto.js';
import { CreateTaskDto } from './dto/create-task.dto.js';
import { ListTasksQueryDto } from './dto/list-tasks.query.dto.js';
import { TaskPageDto, TaskResponseDto } from './dto/task-response.dto.js';
import { UpdateTaskDto } from './dto/update-task.dto.js';
import { toTaskResponse } from './task.mapper.js';
import { TasksService } from './tasks.service.js';
import { Readable } from '../common/decorators/key-scopes.decorator.js';

const uuid = new ParseUUIDPipe({ errorHttpStatusCode: 400 });

@ApiTags('tasks')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('tasks')
export class TasksController {
  constructor(private readonly tasks: TasksService) {}

  @Post()
  @ApiCreatedResponse({ type: TaskResponseDto })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'source_thought_id is not one of your thoughts',
  })
  async create(
    @CurrentAuth() auth: AuthContext,
    @Body() body: CreateTaskDto,
  ): Promise<TaskResponseDto> {
    return toTaskResponse(await this.tasks.create(auth.userId, body));
  }

  @Get()
  @Readable()
  @ApiOperation({ summary: 'List tasks with filters; sort by creation, due date or priority' })
  @ApiOkResponse({ type: TaskPageDto })
  async list(
    @CurrentAuth() auth: AuthContext,
    @Query() query: ListTasksQueryDto,
  ): Promise<TaskPageDto> {
    const page = await this.tasks.list(auth.userId, query);
    return { items: page.items.map(toTaskResponse), next_cursor: page.next_cursor };
  }

  @Get(':id')
  @Readable()
  @ApiOkResponse({ type: TaskResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
  ): Promise<TaskResponseDto> {
    return toTaskResponse(await this.tasks.get(auth.userId, id));
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Edit a task or move it through its statuses' })
  @ApiOkResponse({ type: TaskResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'A status change that makes no sense (e.g. cancelled → done)',
  })
  async update(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
    @Body() body: UpdateTaskDto,
  ): Promise<TaskResponseDto> {
    return toTaskResponse(await this.tasks.update(auth.userId, id, body));
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async delete(@CurrentAuth() auth: AuthContext, @Param('id', uuid) id: string): Promise<void> {
    await this.tasks.delete(auth.userId, id);
  }
}

@ApiTags('tasks')
@ApiBearerAuth()
@ApiUnauthorizedResponse({ type: ErrorResponseDto })
@Controller('thoughts')
export class ThoughtToTaskController {
  constructor(private readonly tasks: TasksService) {}

  @Post(':id/task')
  @ApiOperation({
    summary:
      'Convert a thought to a task in one call (the task links to the thought; the thought becomes actionable)',
  })
  @ApiCreatedResponse({ type: TaskResponseDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async convert(
    @CurrentAuth() auth: AuthContext,
    @Param('id', uuid) id: string,
    @Body() body: ConvertThoughtDto,
  ): Promise<TaskResponseDto> {
    return toTaskResponse(await this.tasks.convertThought(auth.userId, id, body));
  }
}
