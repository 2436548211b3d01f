// SPDX-License-Identifier: MIT
// A Chainlink-compatible price feed for tests: the real AggregatorV3Interface, answers set by its
// owner. ChainlinkReference is tested against this compiled contract on anvil, so the ABI decoding
// (uint80, int256, uint256) is exercised end to end rather than mocked in TypeScript.
pragma solidity ^0.8.20;

/// The interface of Chainlink's data feeds (AggregatorV3Interface.sol), as the source calls it.
interface AggregatorV3Interface {
    function decimals() external view returns (uint8);

    function description() external view returns (string memory);

    function version() external view returns (uint256);

    function getRoundData(
        uint80 _roundId
    )
        external
        view
        returns (
            uint80 roundId,
            int256 answer,
            uint256 startedAt,
            uint256 updatedAt,
            uint80 answeredInRound
        );

    function latestRoundData()
        external
        view
        returns (
            uint80 roundId,
            int256 answer,
            uint256 startedAt,
            uint256 updatedAt,
            uint80 answeredInRound
        );
}

contract MockAggregator is AggregatorV3Interface {
    struct Round {
        int256 answer;
        uint256 startedAt;
        uint256 updatedAt;
        uint80 answeredInRound;
        bool written;
    }

    address public immutable owner;
    uint8 public immutable override decimals;
    string public override description;
    uint256 public constant override version = 4;
    uint80 public latestRound;
    mapping(uint80 => Round) private rounds;

    /// Chainlink's AggregatorInterface events, so a watcher sees what a real feed emits.
    event AnswerUpdated(int256 indexed current, uint256 indexed roundId, uint256 updatedAt);
    event NewRound(uint256 indexed roundId, address indexed startedBy, uint256 startedAt);

    error NotOwner();
    error NoDataPresent();
    error RoundNotNewer(uint80 roundId, uint80 latestRound);

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    constructor(uint8 decimals_, string memory description_) {
        owner = msg.sender;
        decimals = decimals_;
        description = description_;
    }

    /// Starts the next round, answered in itself (complete), with the given answer and time.
    function updateAnswer(int256 answer, uint256 updatedAt) external onlyOwner {
        uint80 roundId = latestRound + 1;
        setRound(roundId, answer, updatedAt, updatedAt, roundId);
    }

    /// Writes any round as the latest one, e.g. an incomplete one (answeredInRound < roundId).
    function updateRoundData(
        uint80 roundId,
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) external onlyOwner {
        if (roundId <= latestRound) revert RoundNotNewer(roundId, latestRound);
        setRound(roundId, answer, startedAt, updatedAt, answeredInRound);
    }

    function getRoundData(
        uint80 _roundId
    ) public view override returns (uint80, int256, uint256, uint256, uint80) {
        Round storage round = rounds[_roundId];
        // Chainlink reverts with "No data present" for a round it never had.
        if (!round.written) revert NoDataPresent();
        return (_roundId, round.answer, round.startedAt, round.updatedAt, round.answeredInRound);
    }

    function latestRoundData()
        external
        view
        override
        returns (uint80, int256, uint256, uint256, uint80)
    {
        return getRoundData(latestRound);
    }

    function setRound(
        uint80 roundId,
        int256 answer,
        uint256 startedAt,
        uint256 updatedAt,
        uint80 answeredInRound
    ) private {
        latestRound = roundId;
        rounds[roundId] = Round(answer, startedAt, updatedAt, answeredInRound, true);
        emit NewRound(roundId, msg.sender, startedAt);
        emit AnswerUpdated(answer, roundId, updatedAt);
    }
}
