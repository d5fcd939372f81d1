namespace SampleMind.Grains.Abstractions.Sessions;

/// <summary>What a participant may do in a session.</summary>
public enum SessionRole
{
    /// <summary>The key that created the session: edits, and may undo for anyone.</summary>
    Owner,

    /// <summary>Edits the document, sends presence and chat.</summary>
    Editor,

    /// <summary>Watches: receives ops, presence and chat, sends presence and chat; its ops are refused.</summary>
    Viewer,
}
