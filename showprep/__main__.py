"""`python -m showprep` behaves exactly like the `showprep` console script."""

from showprep.cli import main

if __name__ == "__main__":
    main()
