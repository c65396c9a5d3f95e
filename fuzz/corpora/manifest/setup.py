from setuptools import setup
setup(
    name="legacy-pkg",  # name
    version='2.0',
    install_requires=[
        'click>=7',
        "Jinja2",
    ],
    tests_require=['pytest'],
    entry_points={'console_scripts': ['legacy = legacy.cli:main']},
)
