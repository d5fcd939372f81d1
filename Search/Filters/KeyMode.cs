namespace SampleMind.Search.Filters;

/// <summary>The mode of a musical key.</summary>
public enum KeyMode
{
    /// <summary>Major (Camelot letter B).</summary>
    Major = 0,

    /// <summary>Minor (Camelot letter A).</summary>
    Minor = 1,
}
