namespace SampleMind.Runtime;

/// <summary>
/// The identity of a grain: its stable type name (see <see cref="GrainTypeAttribute"/>) and its key
/// (a string key as given, a Guid key in "D" format).
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    /// <summary>"type/key".</summary>
    public override string ToString() => $"{Type}/{Key}";
}
