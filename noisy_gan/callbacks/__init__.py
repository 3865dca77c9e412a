"""Lightning callbacks that write sample grids and the run summary."""
