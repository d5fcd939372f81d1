using System.Diagnostics.CodeAnalysis;

namespace SampleMind.Collaboration;

/// <summary>
/// The operations of one document type, as the server and client algorithms need them.
/// Implementations: <see cref="Text.TextOtType"/> and <see cref="Project.ProjectOtType"/>.
/// </summary>
/// <typeparam name="TDoc">The mutable document.</typeparam>
/// <typeparam name="TOp">The immutable operation.</typeparam>
public interface IOtType<TDoc, TOp>
    where TOp : class
{
    /// <summary>Checks that <paramref name="op"/> can be applied to <paramref name="document"/>; never applies it.</summary>
    bool TryValidate(TDoc document, TOp op, [NotNullWhen(false)] out string? reason);

    /// <summary>
    /// Checks that an op of the log, committed under the rules of its day, applies to <paramref name="document"/>: its
    /// shape and positions, without rules on values added since, so that a session stored before such a rule still loads
    /// and its clients still catch up on its history.
    /// </summary>
    bool TryValidateLogged(TDoc document, TOp op, [NotNullWhen(false)] out string? reason);

    /// <summary>
    /// Checks what can be checked without the document (counts, paths, value shapes), so that an op is
    /// safe to transform before it is validated against the current document.
    /// </summary>
    bool TryValidateStructure(TOp op, [NotNullWhen(false)] out string? reason);

    /// <summary>Applies a valid op to the document in place.</summary>
    void Apply(TDoc document, TOp op);

    /// <summary>
    /// Rewrites <paramref name="op"/> to apply after <paramref name="over"/>; both were made on the same state.
    /// TP1: apply(apply(d, b), transform(a, b, s)) == apply(apply(d, a), transform(b, a, opposite of s)).
    /// </summary>
    /// <exception cref="OperationMismatchException">The ops were not made on the same state.</exception>
    TOp Transform(TOp op, TOp over, Side side);

    /// <summary>
    /// Rewrites the inverse of an earlier op (what undo and redo submit) to apply after <paramref name="later"/>, an op
    /// committed after the one it reverts: it ties as the later op for inserts, and loses every other conflict to
    /// <paramref name="later"/>, so that it reverts only what is still its user's change.
    /// </summary>
    TOp TransformInverse(TOp inverse, TOp later);

    /// <summary>One op with the effect of <paramref name="first"/> then <paramref name="second"/>.</summary>
    TOp Compose(TOp first, TOp second);

    /// <summary>The op that undoes <paramref name="op"/>, given the document it was applied to.</summary>
    TOp Invert(TOp op, TDoc documentBefore);

    /// <summary>True when the op changes nothing.</summary>
    bool IsNoop(TOp op);

    /// <summary>True when the two ops are the same edit, component for component (how the server tells a resend from another op).</summary>
    bool AreEqual(TOp op, TOp other);

    /// <summary>An independent copy of the document.</summary>
    TDoc Clone(TDoc document);
}
