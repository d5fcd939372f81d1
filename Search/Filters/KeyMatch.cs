namespace SampleMind.Search.Filters;

/// <summary>How strictly a key filter matches.</summary>
public enum KeyMatch
{
    /// <summary>The same key only.</summary>
    Exact = 0,

    /// <summary>The same key or its relative major/minor (same Camelot number).</summary>
    Relative = 1,

    /// <summary>Same key, relative, and the Camelot neighbours ±1 of the same letter (harmonic mixing).</summary>
    Compatible = 2,
}
