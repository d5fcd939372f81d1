namespace SampleMind.TestSupport;

/// <summary>A theory that needs ../shared/data; skipped with the reason when the folder is absent.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataTheoryAttribute : TheoryAttribute
{
    public SharedDataTheoryAttribute()
    {
        if (!RepoPaths.HasSharedData)
        {
            Skip = $"needs the shared test data at {RepoPaths.SharedData}, which is absent";
        }
    }
}
