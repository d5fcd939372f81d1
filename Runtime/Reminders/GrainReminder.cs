namespace SampleMind.Runtime.Reminders;

/// <summary>A registered reminder's handle.</summary>
internal sealed record GrainReminder(string ReminderName) : IGrainReminder;
