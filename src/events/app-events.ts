/** What the dashboard hears about, as Server-Sent Event names. */
export const APP_EVENT_TYPES = [
  'thought.analyzed',
  'suggestion.created',
  'task.created',
  'consciousness_check.completed',
] as const;
export type AppEventType = (typeof APP_EVENT_TYPES)[number];

/** Small on purpose (NOTIFY payloads are limited): the stream loads the resource itself. */
export interface AppEvent {
  userId: string;
  type: AppEventType;
  id: string;
}

export const APP_EVENTS_CHANNEL = 'pai_app_events';
