namespace SampleMind.Grains.Ingest;

/// <summary>
/// Decides whether a tenant may read a server-side path: the path, with every symbolic link on
/// it resolved, must lie inside one of the tenant's roots (also resolved).
/// </summary>
public sealed class IngestRoots(IngestOptions options)
{
    /// <summary>The resolved directory when <paramref name="path"/> is inside one of the tenant's roots.</summary>
    public bool TryResolve(string tenantId, string path, out string resolved)
    {
        resolved = "";
        if (string.IsNullOrWhiteSpace(path) || path.Contains('\0', StringComparison.Ordinal))
        {
            return false;
        }

        var candidate = ResolveLinks(Path.GetFullPath(path));
        foreach (var root in RootsOf(tenantId))
        {
            var resolvedRoot = ResolveLinks(Path.GetFullPath(root));
            if (IsInside(candidate, resolvedRoot))
            {
                resolved = candidate;
                return true;
            }
        }

        return false;
    }

    /// <summary>True when <paramref name="path"/> equals <paramref name="root"/> or lies below it.</summary>
    public static bool IsInside(string path, string root)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        return string.Equals(path, trimmedRoot, StringComparison.Ordinal)
            || path.StartsWith(trimmedRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    /// <summary>
    /// The first symbolic link on <paramref name="path"/> below <paramref name="root"/> (relative to the root), or null:
    /// an ingest reads only what lies in its folder, as a folder's listing does, where a link in a manifest's path
    /// could lead anywhere the server can read. One <c>readlink</c> per component.
    /// </summary>
    public static string? LinkBelow(string path, string root)
    {
        var trimmedRoot = Path.TrimEndingDirectorySeparator(root);
        for (var current = path; current.Length > trimmedRoot.Length && IsInside(current, trimmedRoot); current = Path.GetDirectoryName(current)!)
        {
            if (new FileInfo(current).LinkTarget is not null)
            {
                return Path.GetRelativePath(trimmedRoot, current);
            }
        }

        return null;
    }

    private IEnumerable<string> RootsOf(string tenantId)
    {
        if (options.Roots.TryGetValue(tenantId, out var own))
        {
            foreach (var root in own)
            {
                yield return root;
            }
        }

        if (options.Roots.TryGetValue("*", out var shared))
        {
            foreach (var root in shared)
            {
                yield return root;
            }
        }
    }

    /// <summary>Resolves symbolic links component by component, so a link inside a root cannot point out of it.</summary>
    private static string ResolveLinks(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (info.LinkTarget is not null)
            {
                var target = info.ResolveLinkTarget(returnFinalTarget: true);
                current = target is null ? current : Path.GetFullPath(target.FullName);
            }
        }

        return current;
    }
}
