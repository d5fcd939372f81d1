namespace SampleMind.Collaboration.Text;

/// <summary>What a <see cref="TextComponent"/> does at the cursor.</summary>
public enum TextComponentKind
{
    /// <summary>Skip <see cref="TextComponent.Count"/> code points.</summary>
    Retain,

    /// <summary>Insert <see cref="TextComponent.Text"/>.</summary>
    Insert,

    /// <summary>Remove <see cref="TextComponent.Count"/> code points.</summary>
    Delete,
}
