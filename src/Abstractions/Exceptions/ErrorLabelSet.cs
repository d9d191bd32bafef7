namespace OpenQuizz.Typed;

/// <summary>The small ordered set behind <see cref="IMongoErrorLabels"/>; errors carry few labels, so a list is enough.</summary>
internal sealed class ErrorLabelSet
{
    private readonly List<string> _labels = [];
    private readonly Lock _gate = new();

    public IReadOnlyList<string> Labels
    {
        get
        {
            lock (_gate)
            {
                return _labels.ToArray();
            }
        }
    }

    public bool Contains(string label)
    {
        lock (_gate)
        {
            return _labels.Contains(label, StringComparer.Ordinal);
        }
    }

    public void Add(string label)
    {
        ArgumentException.ThrowIfNullOrEmpty(label);
        lock (_gate)
        {
            if (!_labels.Contains(label, StringComparer.Ordinal))
            {
                _labels.Add(label);
            }
        }
    }
}
