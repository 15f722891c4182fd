import type { TaskResponseDto } from './dto/task-response.dto.js';
import type { Task } from './task.entity.js';

export function toTaskResponse(task: Task): TaskResponseDto {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    priority: task.priority,
    status: task.status,
    due_date: task.dueDate,
    // PostgreSQL's time is HH:MM:SS; the API speaks HH:MM.
    due_time: task.dueTime ? task.dueTime.slice(0, 5) : null,
    source_thought_id: task.sourceThoughtId,
    source_suggestion_id: task.sourceSuggestionId,
    completed_at: task.completedAt ? task.completedAt.toISOString() : null,
    created_at: task.createdAt.toISOString(),
    updated_at: task.updatedAt.toISOString(),
  };
}
