namespace SampleMind.Search.Index.Internal;

/// <summary>Decides which visited nodes may enter a search's results (struct implementations inline).</summary>
internal interface IAdmission
{
    bool Admit(int node);
}

/// <summary>Every node, deleted ones included: graph construction links through tombstones.</summary>
internal readonly struct AdmitAll : IAdmission
{
    public bool Admit(int node) => true;
}

/// <summary>Live nodes only.</summary>
internal readonly struct AdmitLive(byte[] deleted) : IAdmission
{
    public bool Admit(int node) => deleted[node] == 0;
}

/// <summary>Live nodes that pass a caller's filter.</summary>
internal readonly struct AdmitMatching(byte[] deleted, ISlotFilter filter) : IAdmission
{
    public bool Admit(int node) => deleted[node] == 0 && filter.Matches(node);
}
