// Cluster tests start several silos and a database each; run them one at a time on small machines.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
