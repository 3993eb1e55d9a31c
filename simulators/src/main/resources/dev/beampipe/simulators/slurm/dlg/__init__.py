"""A stand-in for the DALiuGE engine's ``dlg`` package, just enough for beampipe's Slurm path.

It is used on beampipe's fake login node and on a real Slurm test cluster: ``create_dlg_job`` writes a real
batch script like DALiuGE's, ``start_dlg_cluster`` is what that script runs. See docs/slurm-simulator.md.
"""

__version__ = "0.0.0+beampipe.fake"
