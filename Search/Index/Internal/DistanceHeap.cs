namespace SampleMind.Search.Index.Internal;

/// <summary>
/// A binary min-heap of (key, node) pairs in two parallel arrays, reused across searches.
/// A max-heap is obtained by pushing negated keys.
/// </summary>
internal sealed class DistanceHeap
{
    private float[] _keys;
    private int[] _nodes;

    public DistanceHeap(int capacity)
    {
        _keys = new float[Math.Max(capacity, 4)];
        _nodes = new int[_keys.Length];
    }

    public int Count { get; private set; }

    public float TopKey => _keys[0];

    public int TopNode => _nodes[0];

    public void Clear() => Count = 0;

    public void Push(float key, int node)
    {
        if (Count == _keys.Length)
        {
            Array.Resize(ref _keys, _keys.Length * 2);
            Array.Resize(ref _nodes, _nodes.Length * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (_keys[parent] <= key)
            {
                break;
            }

            _keys[i] = _keys[parent];
            _nodes[i] = _nodes[parent];
            i = parent;
        }

        _keys[i] = key;
        _nodes[i] = node;
    }

    public int Pop()
    {
        var top = _nodes[0];
        var last = --Count;
        if (last > 0)
        {
            SiftDown(_keys[last], _nodes[last], last);
        }

        return top;
    }

    private void SiftDown(float key, int node, int count)
    {
        var i = 0;
        while (true)
        {
            var child = (2 * i) + 1;
            if (child >= count)
            {
                break;
            }

            if (child + 1 < count && _keys[child + 1] < _keys[child])
            {
                child++;
            }

            if (_keys[child] >= key)
            {
                break;
            }

            _keys[i] = _keys[child];
            _nodes[i] = _nodes[child];
            i = child;
        }

        _keys[i] = key;
        _nodes[i] = node;
    }
}
