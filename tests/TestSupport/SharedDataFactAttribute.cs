namespace SampleMind.TestSupport;

/// <summary>
/// A fact that needs ../shared/data. When the folder is absent the test is reported as skipped
/// with the reason (never as passed).
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class SharedDataFactAttribute : FactAttribute
{
    public SharedDataFactAttribute()
    {
        if (!RepoPaths.HasSharedData)
        {
            Skip = $"needs the shared test data at {RepoPaths.SharedData}, which is absent";
        }
    }
}
