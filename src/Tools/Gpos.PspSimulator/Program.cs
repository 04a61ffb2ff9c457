// Placeholder entry point; replaced by the simulator (see its README).
return 0;
