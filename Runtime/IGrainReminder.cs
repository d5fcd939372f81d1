namespace SampleMind.Runtime;

/// <summary>A registered durable reminder.</summary>
public interface IGrainReminder
{
    /// <summary>The name the grain gave it.</summary>
    string ReminderName { get; }
}
