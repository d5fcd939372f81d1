namespace SampleMind.Search.Filters;

/// <summary>Whether a sample is a loop or a single hit.</summary>
public enum SampleType
{
    /// <summary>Not known (matches no type filter).</summary>
    Unknown = 0,

    /// <summary>A loop, meant to repeat in time with the project (has a tempo).</summary>
    Loop = 1,

    /// <summary>A one-shot (single hit, no tempo of its own).</summary>
    OneShot = 2,
}
