import type { ProfileForAi } from '../ai/ai.types.js';
import type { ProfileSnapshot } from '../profiles/profile.types.js';

/** The parts of the profile AI backends reason with, in their camelCase shape. */
export function toProfileForAi(profile: ProfileSnapshot): ProfileForAi {
  return {
    ongoingProjects: profile.ongoingProjects.map((project) => ({
      name: project.name,
      description: project.description,
      status: project.status,
      tags: project.tags,
      aliases: project.aliases,
    })),
    goals: profile.goals.map((goal) => ({
      title: goal.title,
      horizon: goal.horizon,
      targetDate: goal.target_date,
    })),
    workPatterns: {
      energyPeaks: profile.workPatterns.energy_peaks,
      notes: profile.workPatterns.notes,
    },
  };
}
