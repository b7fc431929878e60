"""Community-health analyses: pure functions over NetworkX graphs."""
