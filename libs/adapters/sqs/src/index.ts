export type { ConsumerLogger } from './consumer-logger.ts';
export {
  FifoQueueConsumer,
  type ConsumerObserver,
  type FifoQueueConsumerOptions,
  type MessageHandler,
} from './fifo-queue-consumer.ts';
export { FifoQueueProducer, QueueSendError, type OutgoingMessage } from './fifo-queue-producer.ts';
export { PoisonMessageError, isPoison } from './processing-errors.ts';
export { groupInOrder, toQueueMessage, type QueueMessage } from './queue-message.ts';
